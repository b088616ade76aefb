package com.ecsimagesaga.simulator.control;

import com.ecsimagesaga.simulator.EcsSimulator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** Placeholder replaced below. */
public final class ControlHandler implements HttpHandler {
    private final EcsSimulator simulator;

    public ControlHandler(EcsSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
    }
}
