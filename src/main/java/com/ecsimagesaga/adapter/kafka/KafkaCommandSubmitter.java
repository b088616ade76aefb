package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.adapter.kafka.copy.CopyImageWire;
import com.ecsimagesaga.command.CreateImageCommand;
import com.ecsimagesaga.command.DeleteImageCommand;
import com.ecsimagesaga.command.UpdateImageCommand;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.contract.v1.DiskDeviceMapping;
import com.ecsimagesaga.contract.v1.Tag;
import com.ecsimagesaga.contract.v1.UpdateImage;
import com.ecsimagesaga.port.CommandSubmitter;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.copy.CopyImageCommand;
import com.ecsimagesaga.saga.copy.Distribution;
import com.ecsimagesaga.saga.share.ShareImageCommand;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes commands in the same Avro form and with the same keys as any other producer. */
@ApplicationScoped
public class KafkaCommandSubmitter implements CommandSubmitter {

  private final AvroCodec codec = new AvroCodec();

  @Inject
  @Channel("command-gateway")
  MutinyEmitter<byte[]> emitter;

  @Override
  public Uni<Void> submit(CreateImageCommand c) {
    var avro =
        CreateImage.newBuilder()
            .setCommandId(c.commandId())
            .setIssuedAt(c.issuedAt())
            .setRegionId(c.regionId())
            .setInstanceId(c.instanceId())
            .setSnapshotId(c.snapshotId())
            .setDiskDeviceMappings(
                c.diskDeviceMappings().stream()
                    .map(
                        m ->
                            DiskDeviceMapping.newBuilder()
                                .setDevice(m.device())
                                .setDiskType(m.diskType() == null ? "data" : m.diskType())
                                .setSnapshotId(m.snapshotId())
                                .setSizeGiB(m.sizeGiB())
                                .build())
                    .toList())
            .setImageName(c.imageName())
            .setName(c.deprecatedName())
            .setDescription(c.description())
            .setArchitecture(c.architecture())
            .setPlatform(c.platform())
            .setResourceGroupId(c.resourceGroupId())
            .setTags(
                c.tags().stream()
                    .map(t -> Tag.newBuilder().setKey(t.key()).setValue(t.value()).build())
                    .toList())
            .setBootMode(c.bootMode())
            .setImageFamily(c.imageFamily())
            .setImageVersion(c.imageVersion())
            .setDetectionStrategy(c.detectionStrategy())
            .setTimeoutSeconds(c.timeoutSeconds())
            .setDeleteSnapshotsOnFailure(c.deleteSnapshotsOnFailure())
            .setStepTimeoutSeconds(stepTimeouts(c.stepTimeoutSeconds()))
            .setDistribution(distribution(c.distribution()))
            .build();
    return send(c.regionId() + "/" + c.imageName(), codec.encode(avro));
  }

  private static com.ecsimagesaga.contract.v1.Distribution distribution(Distribution d) {
    if (d == null) {
      return null;
    }
    return com.ecsimagesaga.contract.v1.Distribution.newBuilder()
        .setDestinations(d.destinations().stream().map(CopyImageWire::toAvro).toList())
        .setAccounts(d.accounts())
        .build();
  }

  @Override
  public Uni<Void> submit(UpdateImageCommand c) {
    var avro =
        UpdateImage.newBuilder()
            .setCommandId(c.commandId())
            .setIssuedAt(c.issuedAt())
            .setRegionId(c.regionId())
            .setImageId(c.imageId())
            .setImageName(c.imageName())
            .setDescription(c.description())
            .setImageFamily(c.imageFamily())
            .setBootMode(c.bootMode())
            .setDeprecated(c.deprecated())
            .setAddTags(
                c.addTags().stream()
                    .map(t -> Tag.newBuilder().setKey(t.key()).setValue(t.value()).build())
                    .toList())
            .setRemoveTagKeys(c.removeTagKeys())
            .setResourceGroupId(c.resourceGroupId())
            .setStepTimeoutSeconds(stepTimeouts(c.stepTimeoutSeconds()))
            .build();
    return send(c.regionId() + "/" + c.imageId(), codec.encode(avro));
  }

  @Override
  public Uni<Void> submit(DeleteImageCommand c) {
    var avro =
        DeleteImage.newBuilder()
            .setCommandId(c.commandId())
            .setIssuedAt(c.issuedAt())
            .setRegionId(c.regionId())
            .setImageId(c.imageId())
            .setForce(c.force())
            .setDeleteSnapshots(c.deleteSnapshots())
            .setDeleteCopies(c.deleteCopies())
            .setStepTimeoutSeconds(stepTimeouts(c.stepTimeoutSeconds()))
            .build();
    return send(c.regionId() + "/" + c.imageId(), codec.encode(avro));
  }

  @Override
  public Uni<Void> submit(CopyImageCommand c) {
    return submitKind(c);
  }

  @Override
  public Uni<Void> submit(ShareImageCommand c) {
    return submitKind(c);
  }

  /**
   * A command of a kind in a package of its own, as its wire writes it, under the key the kind
   * expects (the key the intake checks).
   */
  private Uni<Void> submitKind(SagaKind.Command c) {
    SpecificRecord avro =
        KindWires.toRecord(c)
            .orElseThrow(
                () -> new IllegalArgumentException("no wire writes a " + c.getClass().getName()));
    return send(c.expectedKey(), codec.encode(avro));
  }

  /** No step timeouts travel as null, as from any other producer that does not set them. */
  private static Map<String, Integer> stepTimeouts(Map<String, Integer> given) {
    return given.isEmpty() ? null : given;
  }

  private Uni<Void> send(String key, byte[] payload) {
    var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build();
    return emitter.sendMessage(Message.of(payload).addMetadata(metadata));
  }
}
