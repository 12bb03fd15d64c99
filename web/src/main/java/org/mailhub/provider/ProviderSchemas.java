package org.mailhub.provider;

import org.eclipse.microprofile.openapi.models.OpenAPI;

/** The provider schemas of the OpenAPI document, typed per provider type. */
public final class ProviderSchemas {

  private ProviderSchemas() {}

  /** Adds the per-type provider schemas to the document. */
  public static void addTo(OpenAPI openAPI) {}
}
