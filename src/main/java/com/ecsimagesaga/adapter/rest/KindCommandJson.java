package com.ecsimagesaga.adapter.rest;

/** The JSON form of a command of a saga kind defined in a package of its own. */
interface KindCommandJson {

  /** The producer's command id, or null for one the gateway makes up. */
  String commandId();
}
