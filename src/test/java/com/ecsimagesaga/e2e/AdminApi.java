package com.ecsimagesaga.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/** The admin API as the test users of the {@code %test} profile see it. */
final class AdminApi {

  static final String OPERATOR = "operator";
  static final String OPERATOR_PASSWORD = "operator-test-password";
  static final String VIEWER = "viewer";
  static final String VIEWER_PASSWORD = "viewer-test-password";

  private AdminApi() {}

  static RequestSpecification asOperator() {
    return given()
        .auth()
        .preemptive()
        .basic(OPERATOR, OPERATOR_PASSWORD)
        .contentType(ContentType.JSON);
  }

  static RequestSpecification asViewer() {
    return given().auth().preemptive().basic(VIEWER, VIEWER_PASSWORD).contentType(ContentType.JSON);
  }

  static RequestSpecification anonymous() {
    return given().contentType(ContentType.JSON);
  }

  /**
   * The management interface (health and metrics), on its own port: {@code http://<host>:<port>},
   * whatever root path Quarkus reports with it.
   */
  static String managementAddress() {
    URI url = URI.create(ConfigProvider.getConfig().getValue("test.management.url", String.class));
    return url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
  }

  /** An anonymous request to the management interface. */
  static RequestSpecification management() {
    return given().baseUri(managementAddress());
  }
}
