package com.ecsimagesaga.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Common parameters, answer syntax, connections and CreateImage's mapping sizes. */
class WireConformanceTest extends ConformanceSupport {

  @Test
  @DisplayName(
      "SignatureMethod is a required common parameter (HMAC-SHA1): absent is 400"
          + " MissingSignatureMethod, another value 400 InvalidSignatureMethod (Common parameters)")
  void signatureMethodIsRequired() throws Exception {
    SignedRpc.Reply missing =
        SignedRpc.call("DescribeImages", REGION).without("SignatureMethod").send();
    SignedRpc.Reply other =
        SignedRpc.call("DescribeImages", REGION).with("SignatureMethod", "HMAC-SHA256").send();

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.code()).isEqualTo("MissingSignatureMethod");
    assertThat(other.status()).isEqualTo(400);
    assertThat(other.code()).isEqualTo("InvalidSignatureMethod");
  }

  @Test
  @DisplayName(
      "SignatureVersion is a required common parameter (1.0): absent is 400"
          + " MissingSignatureVersion (Common parameters)")
  void signatureVersionIsRequired() throws Exception {
    SignedRpc.Reply missing =
        SignedRpc.call("DescribeImages", REGION).without("SignatureVersion").send();

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.code()).isEqualTo("MissingSignatureVersion");
  }

  @Test
  @DisplayName(
      "Format=XML answers XML: <ActionResponse> on success, <Error> on failure, one element per"
          + " array entry (Common parameters: Format; XML examples of DescribeImages)")
  void formatXmlAnswersXml() throws Exception {
    String image = createImage("xml-image", Map.of());
    SignedRpc.Reply ok =
        SignedRpc.call("DescribeImages", REGION)
            .with("Format", "XML")
            .with("Status", "ALL")
            .with("ImageId", image)
            .send();
    SignedRpc.Reply error =
        SignedRpc.call("DescribeImages", REGION)
            .with("Format", "XML")
            .with("Status", "Bogus")
            .send();

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header("Content-Type")).startsWith("text/xml");
    assertThat(ok.body())
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeImagesResponse>")
        .contains("<Images><Image><ImageId>" + image + "</ImageId>")
        .contains("<TotalCount>1</TotalCount>")
        .endsWith("</DescribeImagesResponse>");
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.body()).contains("<Error>").contains("<Code>InvalidParamter</Code>");
  }

  @Test
  @DisplayName(
      "Without Format the answer is XML, the documented default; JSON when asked; another"
          + " value is refused with 400 InvalidParameter")
  void formatDefaultIsXml() throws Exception {
    SignedRpc.Reply none = SignedRpc.call("DescribeImages", REGION).without("Format").send();
    SignedRpc.Reply json = SignedRpc.call("DescribeImages", REGION).send();
    SignedRpc.Reply yaml = SignedRpc.call("DescribeImages", REGION).with("Format", "YAML").send();

    assertThat(none.body()).contains("<DescribeImagesResponse>");
    assertThat(json.header("Content-Type")).startsWith("application/json");
    assertThat(yaml.status()).isEqualTo(400);
    assertThat(yaml.code()).isEqualTo("InvalidParameter");
  }

  @Test
  @DisplayName(
      "An empty data-disk mapping takes 5 GiB or more (CreateImage: DiskDeviceMapping.N.Size,"
          + " basic disks 5 to 2000, other categories 20 to 32768); 4 GiB is 400"
          + " InvalidSize.ValueNotSupported")
  void emptyDataDiskMappingMinimum() throws Exception {
    Control.ok(
        "POST",
        "/snapshots",
        "{\"snapshotId\":\"s-conf-sys\",\"sourceDiskType\":\"system\",\"sizeGiB\":40}");

    SignedRpc.Reply five = mappingOfEmptyDataDisk("five-gib", 5);
    SignedRpc.Reply four = mappingOfEmptyDataDisk("four-gib", 4);

    assertThat(five.status()).as(five.body()).isEqualTo(200);
    assertThat(four.status()).isEqualTo(400);
    assertThat(four.code()).isEqualTo("InvalidSize.ValueNotSupported");
  }

  private static SignedRpc.Reply mappingOfEmptyDataDisk(String name, int sizeGiB) throws Exception {
    return SignedRpc.call("CreateImage", REGION)
        .with("ImageName", name)
        .with("DiskDeviceMapping.1.SnapshotId", "s-conf-sys")
        .with("DiskDeviceMapping.1.DiskType", "system")
        .with("DiskDeviceMapping.2.DiskType", "data")
        .with("DiskDeviceMapping.2.Size", String.valueOf(sizeGiB))
        .send();
  }

  @Test
  @DisplayName(
      "Connections are persistent: an answer says Connection: keep-alive and the next request"
          + " on the same connection is answered")
  void connectionsStayOpen() throws Exception {
    String[] hostPort = StandaloneSimulator.running().apiEndpoint().split(":");
    try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < 2; i++) {
        String query = SignedRpc.call("DescribeImages", REGION).signedQuery();
        out.write(
            ("POST /?" + query + " HTTP/1.1\r\nHost: sim\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = head(in);
        assertThat(head).startsWith("HTTP/1.1 200");
        assertThat(head.toLowerCase(Locale.ROOT)).contains("connection: keep-alive");
        in.readNBytes(contentLength(head));
      }
    }
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the answer's head");
      }
      head.write(b);
      matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    throw new AssertionError("no Content-Length in " + head);
  }
}
