package org.mailhub.health;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthService {

  private static final Logger LOG = Logger.getLogger(HealthService.class.getName());
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
      // the answer is public (load balancers ask it): the database's own words stay in the log
      LOG.log(Level.WARNING, "Health check: the database cannot be reached", e);
      return Health.down("the database cannot be reached");
    }
  }
}
