package org.mailhub.health;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthService {

  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  @Resource(lookup = "java:jboss/datasources/MailhubDS")
  DataSource dataSource;

  public Health check() {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
        return Health.down("database connection is not valid");
      }
      return Health.up(connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      return Health.down(e.getMessage());
    }
  }
}
