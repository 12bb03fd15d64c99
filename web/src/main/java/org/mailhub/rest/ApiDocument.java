package org.mailhub.rest;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Completes the OpenAPI document that SmallRye builds from the annotations, with what annotations
 * cannot express.
 */
public class ApiDocument implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    org.mailhub.provider.ProviderSchemas.addTo(openAPI);
  }
}
