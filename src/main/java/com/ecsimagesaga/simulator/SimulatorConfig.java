package com.ecsimagesaga.simulator;

/** TEMPORARY stub so the harness branch compiles alone; the simulator branch replaces it on merge. */
public record SimulatorConfig(int apiPort, int controlPort, double speedFactor) {

    /** @return a builder, as in the real simulator */
    public static Builder builder() {
        return new Builder();
    }

    /** Stub builder with the three settings the harness uses. */
    public static final class Builder {
        private int apiPort;
        private int controlPort;
        private double speedFactor;

        /** @return this builder */
        public Builder apiPort(int port) {
            this.apiPort = port;
            return this;
        }

        /** @return this builder */
        public Builder controlPort(int port) {
            this.controlPort = port;
            return this;
        }

        /** @return this builder */
        public Builder speedFactor(double factor) {
            this.speedFactor = factor;
            return this;
        }

        /** @return the configuration */
        public SimulatorConfig build() {
            return new SimulatorConfig(apiPort, controlPort, speedFactor);
        }
    }
}
