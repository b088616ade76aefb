package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.app.BulkReplay;
import com.ecsimagesaga.port.ReplayJobs;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Bulk replay jobs: start one (operators), follow its progress (viewers too). */
@Path("/api/replay-jobs")
public class ReplayJobResource {

  @Inject BulkReplay bulk;
  @Inject ReplayJobs jobs;
  @Inject SecurityIdentity identity;

  @POST
  @Operation(
      summary = "Replay every failed saga matching a filter, as a throttled server-side job",
      description =
          "Answers 202 with the job; follow it at the Location. dryRun=true lists what would be replayed.")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @RequestBody(content = @Content(schema = @Schema(implementation = ReplayJobJson.class)))
  public Uni<Response> start(@HeaderParam("Content-Type") String contentType, byte[] json) {
    var read = GatewayBody.read(contentType, json, ReplayJobJson.class);
    if (!read.isValid()) {
      return Uni.createFrom()
          .item(GatewayBody.refusal(read.status(), null, "ReplayJob", read.violations()));
    }
    ReplayJobJson body = read.value();
    var wrong = ReplayRequestJson.violations(body.mode(), body.reason());
    if (!wrong.isEmpty()) {
      return Uni.createFrom().item(GatewayBody.refusal(422, null, "ReplayJob", wrong));
    }
    var mode = ReplayRequestJson.mode(body.mode());
    String reason = ReplayRequestJson.reason(body.reason());
    return bulk.start(
            UUID.randomUUID(),
            body.filter(),
            mode,
            identity.getPrincipal().getName(),
            reason,
            Boolean.TRUE.equals(body.dryRun()))
        .map(
            job ->
                Response.accepted(ReplayJobView.of(job, List.of()))
                    .header("Location", "/api/replay-jobs/" + job.id())
                    .build());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A replay job's progress and, per saga, what it did (or would do)")
  public Uni<ReplayJobView> get(
      @PathParam("id") String id, @QueryParam("items") @DefaultValue("1000") int items) {
    UUID jobId = ReplayResource.sagaId(id);
    return jobs.find(jobId)
        .chain(
            job ->
                job.isEmpty()
                    ? Uni.createFrom().failure(new NotFoundException("no replay job " + id))
                    : jobs.items(jobId, Math.max(0, Math.min(items, 10_000)))
                        .map(list -> ReplayJobView.of(job.get(), list)));
  }
}
