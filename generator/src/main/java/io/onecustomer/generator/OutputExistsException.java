package io.onecustomer.generator;

import java.nio.file.Path;

/** Thrown when the output folder already holds a {@code landing/} folder and overwriting was not asked for. */
public final class OutputExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutputExistsException(Path landing) {
        super(landing + " already exists; pass --overwrite to delete landing/ and truth/ and generate again");
    }
}
