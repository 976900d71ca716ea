package io.lfp.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one record, as {@link RecordScanner} cut it, into its fields by the same grammar and the same
 * states: a quote opens a quoted field only at the start of a field, {@code ""} inside one is a quote,
 * characters after its closing quote are kept, and any other quote is an ordinary character. A record
 * always has at least one field (an empty record is one empty field).
 */
public final class CsvFields {

    private CsvFields() {
    }

    /** The fields of a record's text, its line break excluded. */
    public static String[] split(CharSequence record) {
        List<String> fields = new ArrayList<>(3);
        StringBuilder field = new StringBuilder();
        int state = RecordScanner.FIELD_START;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            switch (state) {
                case RecordScanner.QUOTED -> {
                    if (c == '"') {
                        state = RecordScanner.QUOTE_IN_QUOTED;
                    } else {
                        field.append(c);
                    }
                }
                case RecordScanner.QUOTE_IN_QUOTED -> {
                    if (c == '"') {
                        field.append('"');
                        state = RecordScanner.QUOTED;
                    } else if (c == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                        state = RecordScanner.FIELD_START;
                    } else {
                        field.append(c);
                        state = RecordScanner.UNQUOTED;
                    }
                }
                default -> { // FIELD_START or UNQUOTED
                    if (c == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                        state = RecordScanner.FIELD_START;
                    } else if (c == '"' && state == RecordScanner.FIELD_START) {
                        state = RecordScanner.QUOTED;
                    } else {
                        field.append(c);
                        state = RecordScanner.UNQUOTED;
                    }
                }
            }
        }
        fields.add(field.toString());
        return fields.toArray(new String[0]);
    }
}
