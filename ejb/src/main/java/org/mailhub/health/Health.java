package org.mailhub.health;

/**
 * What {@code GET /api/health} reports: whether mailhub can reach its database, and which one it
 * is.
 */
public record Health(Status status, String database, String detail) {

  @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "HealthStatus")
  public enum Status {
    UP,
    DOWN
  }

  static Health up(String database) {
    return new Health(Status.UP, database, null);
  }

  static Health down(String detail) {
    return new Health(Status.DOWN, null, detail);
  }
}
