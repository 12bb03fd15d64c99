package org.mailhub.infrastructure;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * WildFly's management model as its JMX subsystem shows it in the platform MBean server: a resource
 * {@code /subsystem=messaging-activemq/server=default/jms-queue=DLQ} is the MBean {@code
 * jboss.as:subsystem=messaging-activemq,server=default,jms-queue=DLQ}, its attributes in camel
 * case.
 */
public final class ManagementModel {

  private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

  private ManagementModel() {}

  /**
   * An attribute of a resource; empty when the server has no such resource (a subsystem it does not
   * run, outside WildFly) or cannot read it now.
   */
  public static Optional<Object> read(String resource, String attribute) {
    try {
      return Optional.ofNullable(MBEANS.getAttribute(new ObjectName(resource), attribute));
    } catch (JMException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
