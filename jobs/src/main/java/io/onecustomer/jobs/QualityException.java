package io.onecustomer.jobs;

/** An error-level quality gate failed before the write; nothing partial became visible. */
public class QualityException extends RuntimeException {
  public QualityException(String message) {
    super(message);
  }
}
