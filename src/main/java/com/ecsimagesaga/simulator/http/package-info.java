/** Internal: the RPC wire layer (HTTP server, parameters, signatures, answers, rate limit). */
package com.ecsimagesaga.simulator.http;
