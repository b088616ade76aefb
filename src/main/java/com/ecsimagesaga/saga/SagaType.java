package com.ecsimagesaga.saga;

/** The kinds of saga the service runs. */
public enum SagaType {
  CREATE_IMAGE,
  DELETE_IMAGE,
  UPDATE_IMAGE,
  COPY_IMAGE,
  SHARE_IMAGE
}
