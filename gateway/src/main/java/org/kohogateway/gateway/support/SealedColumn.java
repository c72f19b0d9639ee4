package org.kohogateway.gateway.support;

/**
 * A column of sealed secrets ({@link SecretSealer}), declared as a bean by the module that owns the table so that the
 * re-seal job ({@link SecretResealing}) reaches every secret without knowing the modules. A secret's owner — the
 * associated data it is sealed with — is {@code table:id}.
 *
 * @param table    the table
 * @param idColumn its key, a number
 * @param column   the sealed bytes (null where there is no secret)
 */
public record SealedColumn(String table, String idColumn, String column) {

    public SealedColumn {
        for (String name : new String[] { table, idColumn, column }) {
            if (!name.matches("[a-z_]+")) {
                throw new IllegalArgumentException("not a plain SQL name: " + name);
            }
        }
    }

    /** The associated data the secret in row {@code id} is sealed with. */
    public String owner(long id) {
        return table + ":" + id;
    }
}
