package io.ecsgate.sim.internal;

/** One entry of {@code services[].events}. */
record ServiceEvent(String id, long createdAt, String message) {}
