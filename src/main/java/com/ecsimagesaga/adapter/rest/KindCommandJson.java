package com.ecsimagesaga.adapter.rest;

/** The JSON form of a command that has an endpoint of its own. */
interface KindCommandJson {

  /** The producer's command id, or null for one the gateway makes up. */
  String commandId();
}
