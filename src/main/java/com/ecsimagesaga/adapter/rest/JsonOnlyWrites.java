package com.ecsimagesaga.adapter.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a state-changing request to the API unless its body is declared JSON. A browser that
 * holds a user's basic-auth credentials sends them with any request to this origin, a cross-site
 * form included; a form can only send {@code application/x-www-form-urlencoded}, {@code
 * multipart/form-data} or {@code text/plain}, and another site's script needs a CORS preflight
 * (which this service never grants) to send {@code application/json}. Requiring that content type
 * therefore keeps other sites from replaying sagas or submitting commands in a signed-in operator's
 * name (docs/adr/0013-operator-console.md).
 */
public class JsonOnlyWrites {

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  @ServerRequestFilter
  public Response requireJson(ContainerRequestContext request) {
    if (!WRITES.contains(request.getMethod())
        || !request.getUriInfo().getPath().startsWith("/api")) {
      return null;
    }
    MediaType type = request.getMediaType();
    if (type != null && MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
      return null;
    }
    return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE)
        .type(MediaType.TEXT_PLAIN_TYPE)
        .entity(
            "EIS-6208 a request that changes something must send a JSON body with Content-Type:"
                + " application/json (got "
                + (type == null ? "none" : type.toString())
                + ")")
        .build();
  }
}
