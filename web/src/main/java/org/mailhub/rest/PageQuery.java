package org.mailhub.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Which page of a list to answer: the same two query parameters on every list of the API, which
 * answers with {@link org.mailhub.infrastructure.Page}. Taken as {@code @Valid @BeanParam}, so that
 * a 400 names the parameter.
 */
public class PageQuery {

  @QueryParam("page")
  @DefaultValue("0")
  @Min(0)
  @Parameter(description = "the page, from 0; a page past the end has no items (and the total)")
  private int page;

  @QueryParam("size")
  @DefaultValue("50")
  @Min(1)
  @Max(1000)
  @Parameter(description = "items per page")
  private int size;

  public int page() {
    return page;
  }

  public int size() {
    return size;
  }
}
