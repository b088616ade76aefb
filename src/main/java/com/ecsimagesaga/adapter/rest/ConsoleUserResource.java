package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.config.KindRegistry;
import com.ecsimagesaga.saga.SagaType;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Who is signed in, so the console shows only the controls the user may use. The server checks
 * every request anyway; this only spares a viewer buttons that would answer 403.
 */
@Path("/api/me")
public class ConsoleUserResource {

  @Inject SecurityIdentity identity;

  /**
   * @param name the user name
   * @param roles viewer, operator
   * @param canReplay whether replay and bulk replay are allowed (operators)
   * @param sagaKinds every kind of saga the service runs, for the console's filters and tables
   */
  public record Me(String name, List<String> roles, boolean canReplay, List<String> sagaKinds) {}

  @GET
  @Operation(summary = "The signed-in user and what they may do")
  public Me me() {
    return new Me(
        identity.getPrincipal().getName(),
        identity.getRoles().stream().sorted().toList(),
        identity.hasRole("operator"),
        KindRegistry.kinds().types().stream().map(SagaType::name).toList());
  }
}
