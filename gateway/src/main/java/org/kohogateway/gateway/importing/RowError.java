package org.kohogateway.gateway.importing;

import java.util.List;

/**
 * Why one line of an import was not imported.
 *
 * @param code      message-bundle code of the explanation (an import code or a policy rule's {@code rule.*})
 * @param arguments the message's arguments
 */
public record RowError(int line, String code, List<String> arguments) {

    public RowError {
        arguments = List.copyOf(arguments);
    }
}
