package com.ecsimagesaga.saga;

/** Saga steps, named by the effect they have. {@link #DONE} marks a finished saga. */
public enum Step {
  CHECK_SOURCE,
  SUBMIT_CREATE_IMAGE,
  FIND_SUBMITTED_IMAGE,
  AWAIT_IMAGE_USABLE,
  COMPENSATE_DELETE_IMAGE,
  CHECK_IMAGE,
  SUBMIT_DELETE_IMAGE,
  AWAIT_IMAGE_GONE,
  DELETE_SNAPSHOTS,
  MODIFY_IMAGE_ATTRIBUTES,
  TAG_IMAGE,
  UNTAG_IMAGE,
  JOIN_RESOURCE_GROUP,
  DONE
}
