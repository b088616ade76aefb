/** Internal: the JSON control API served on the control port. */
package com.ecsimagesaga.simulator.control;
