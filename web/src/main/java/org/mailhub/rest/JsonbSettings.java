package org.mailhub.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * How the API reads and writes JSON: a property a request type does not have is an error (400
 * MALFORMED_JSON) rather than skipped. Besides telling clients about typos, it keeps the JSON
 * parser off its skipping path, which loops forever on a body that ends inside a skipped object (a
 * body of nested objects cut short; found by HostileApiIT: a core pinned per request).
 */
@Provider
public class JsonbSettings implements ContextResolver<Jsonb> {

  private final Jsonb jsonb =
      JsonbBuilder.create(new JsonbConfig().setProperty("jsonb.fail-on-unknown-properties", true));

  @Override
  public Jsonb getContext(Class<?> type) {
    return jsonb;
  }
}
