/**
 * Internal: one class per ECS action (or family of small actions), each validating in the order ECS
 * does.
 */
package com.ecsimagesaga.simulator.action;
