package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.app.BulkReplay;
import com.ecsimagesaga.port.ReplayJobs;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

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
  public Uni<Response> start(ReplayJobJson body) {
    if (body == null) {
      throw new BadRequestException(
          "EIS-6203 a JSON body with the filter, mode and reason is required");
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
