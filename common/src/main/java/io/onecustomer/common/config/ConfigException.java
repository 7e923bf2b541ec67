package io.onecustomer.common.config;

/** A configuration value is missing or invalid; the message names the key and the bad value. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
