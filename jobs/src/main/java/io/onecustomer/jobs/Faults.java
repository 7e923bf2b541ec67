package io.onecustomer.jobs;

/**
 * Named points where a test can make a job fail (system property {@code onecustomer.fault} set to
 * the point's name): between the commits of a job that writes several tables, to show that no
 * reader is left with one committed and the other not. Inert unless the property is set. With
 * {@code onecustomer.fault.mode=pause} the process stops there instead, for a test to kill it
 * ({@link io.onecustomer.common.FaultPoints}).
 */
public final class Faults {
  public static final String PROPERTY = io.onecustomer.common.FaultPoints.PROPERTY;

  private Faults() {}

  public static void at(String point) {
    io.onecustomer.common.FaultPoints.pauseIfAsked(point); // a crash test kills the process here
    if (point.equals(System.getProperty(PROPERTY))) {
      throw new InjectedFault(point);
    }
  }

  /** The failure a fault point throws. */
  public static final class InjectedFault extends RuntimeException {
    public InjectedFault(String point) {
      super("injected fault at " + point + " (" + PROPERTY + ")");
    }
  }
}
