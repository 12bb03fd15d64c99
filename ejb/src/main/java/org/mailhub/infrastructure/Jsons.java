package org.mailhub.infrastructure;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. Each static {@code jakarta.json.Json} call looks the
 * provider up again through the ServiceLoader; on the dispatch and callback paths that lookup was a
 * quarter of the CPU time (Java Flight Recorder, benchmark of 2026-11-23).
 */
public final class Jsons {

  public static final JsonProvider JSON = JsonProvider.provider();

  private Jsons() {}
}
