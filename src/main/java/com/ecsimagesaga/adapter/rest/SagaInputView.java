package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaInput;
import java.util.Locale;

/**
 * What a saga was asked to do, as the console shows it: the command's content as the saga stored
 * it. Commands carry no credentials (the service's own access keys are configuration), so nothing
 * here is secret.
 *
 * @param kind the saga type in lower case without its {@code _image} suffix: create, update,
 *     delete, copy, share
 * @param input the stored input: the image spec of a create, the changes of an update, the image
 *     and options of a delete
 */
public record SagaInputView(
    String sagaId, String type, String commandId, String regionId, String kind, SagaInput input) {

  static SagaInputView of(Saga s) {
    String kind = s.type().name().toLowerCase(Locale.ROOT).replaceFirst("_image$", "");
    return new SagaInputView(
        s.id().toString(), s.type().name(), s.commandId(), s.regionId(), kind, s.input());
  }
}
