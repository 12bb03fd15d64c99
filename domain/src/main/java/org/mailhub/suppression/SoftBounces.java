package org.mailhub.suppression;

import java.util.List;
import org.mailhub.callback.DeliveryEventType;

/**
 * When soft bounces add up to a suppression: an address whose latest reports are {@code limit} soft
 * bounces in a row. A delivery, an open or a click shows that the mailbox works and ends the run;
 * other reports (a drop that did not suppress, say) neither end nor lengthen it.
 */
public final class SoftBounces {

  /** The kinds of report that take part in a run, for reading only those from the event log. */
  public static final List<DeliveryEventType> COUNTED =
      List.of(
          DeliveryEventType.SOFT_BOUNCE,
          DeliveryEventType.DELIVERED,
          DeliveryEventType.OPENED,
          DeliveryEventType.CLICKED);

  private SoftBounces() {}

  /**
   * @param newestFirst an address's reports, the newest first
   * @param limit soft bounces in a row that suppress; below 1, none ever do
   */
  public static boolean reachLimit(List<DeliveryEventType> newestFirst, int limit) {
    if (limit < 1) {
      return false;
    }
    int run = 0;
    for (DeliveryEventType type : newestFirst) {
      if (type == DeliveryEventType.SOFT_BOUNCE) {
        if (++run >= limit) {
          return true;
        }
      } else if (COUNTED.contains(type)) {
        return false;
      }
    }
    return false;
  }
}
