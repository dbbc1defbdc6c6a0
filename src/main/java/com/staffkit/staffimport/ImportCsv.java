package com.staffkit.staffimport;

import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.staff.StaffImportRows;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * An uploaded staff CSV read as it arrives, a row at a time: RFC 4180, UTF-8 with or without a byte
 * order mark, cells separated by commas or semicolons (whichever the header line has more of), and
 * a header row naming staff columns. What cannot be read is the client's error (400 naming
 * {@code body} or {@code header}): bytes that are not UTF-8, broken quoting, a row longer than
 * {@link #MAX_ROW_CHARS}. Nothing is held but the row being read, so a file of any size costs the
 * same memory.
 */
final class ImportCsv implements AutoCloseable {

    /** Far more than any staff member's cells: a longer row is an attack on memory, not data. */
    static final int MAX_ROW_CHARS = 64 * 1024;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** One data row: the line it starts on (the header is line 1) and its cells in file order, as written. */
    record Row(long line, List<String> cells) {}

    private final RowLimit limit;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> columns;
    /** Lines read up to the end of the last record. */
    private long linesRead;

    private ImportCsv(RowLimit limit, CSVParser parser) {
        this.limit = limit;
        this.parser = parser;
        this.records = parser.iterator();
        CSVRecord header = nextRecord();
        if (header == null) {
            throw InvalidRequestException.forField("body", "the file is empty; it needs a header row and rows");
        }
        this.columns = StaffImportRows.checkedHeader(header.toList());
    }

    /** Starts reading: the header is read and checked now. */
    static ImportCsv open(InputStream body) throws IOException {
        RowLimit limit = new RowLimit(new InputStreamReader(
                body,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
        BufferedReader reader = new BufferedReader(limit, MAX_ROW_CHARS + 1);
        try {
            reader.mark(1);
            if (reader.read() != BYTE_ORDER_MARK) {
                reader.reset();
            }
            CSVFormat format =
                    CSVFormat.RFC4180.builder().setDelimiter(delimiter(reader)).get();
            return new ImportCsv(
                    limit,
                    CSVParser.builder().setReader(reader).setFormat(format).get());
        } catch (CharacterCodingException ex) {
            throw notUtf8(1);
        }
    }

    /** The header's column names, checked and in file order. */
    List<String> columns() {
        return columns;
    }

    /** The next data row, or null at the end of the file. Empty lines are skipped. */
    @Nullable
    Row next() {
        while (true) {
            long line = linesRead + 1;
            CSVRecord record = nextRecord();
            if (record == null) {
                return null;
            }
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            List<String> cells = record.toList();
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i).indexOf('\0') >= 0) {
                    throw InvalidRequestException.forField(
                            "body", "line " + line + ": cell " + (i + 1) + " holds the NUL character");
                }
            }
            return new Row(line, cells);
        }
    }

    private @Nullable CSVRecord nextRecord() {
        try {
            limit.startRow();
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            linesRead = parser.getCurrentLineNumber();
            return record;
        } catch (UncheckedIOException ex) {
            throw unreadable(ex.getCause());
        }
    }

    private RuntimeException unreadable(IOException cause) {
        long line = linesRead + 1;
        return switch (cause) {
            case CharacterCodingException _ -> notUtf8(line);
            case RowTooLong _ ->
                InvalidRequestException.forField(
                        "body", "line " + line + ": a row is longer than " + MAX_ROW_CHARS + " characters");
            case CSVException invalid ->
                InvalidRequestException.forField("body", "line " + line + ": not valid CSV: " + invalid.getMessage());
            // The upload broke off (the client went away): nobody reads an answer.
            default -> new UncheckedIOException(cause);
        };
    }

    private static InvalidRequestException notUtf8(long line) {
        return InvalidRequestException.forField("body", "the file is not UTF-8 text (at or after line " + line + ")");
    }

    /**
     * Comma or semicolon, whichever the header line has more of (a comma when neither): column names
     * hold neither, so the count cannot be fooled by the data.
     */
    private static char delimiter(BufferedReader reader) throws IOException {
        reader.mark(MAX_ROW_CHARS);
        int commas = 0;
        int semicolons = 0;
        int read = 0;
        int c = reader.read();
        while (c >= 0 && c != '\n' && c != '\r' && ++read < MAX_ROW_CHARS) {
            if (c == ',') {
                commas++;
            } else if (c == ';') {
                semicolons++;
            }
            c = reader.read();
        }
        reader.reset();
        return semicolons > commas ? ';' : ',';
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** A row (one record, whatever its lines) may read at most {@link #MAX_ROW_CHARS}, plus what buffers read ahead. */
    private static final class RowLimit extends FilterReader {

        /** What the parser's and this class's buffers may read beyond the current row. */
        private static final int READ_AHEAD = 2 * (MAX_ROW_CHARS + 8192);

        private long sinceRowStart;

        RowLimit(Reader in) {
            super(in);
        }

        void startRow() {
            sinceRowStart = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c < 0 ? 0 : 1);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws RowTooLong {
            sinceRowStart += n;
            if (sinceRowStart > MAX_ROW_CHARS + READ_AHEAD) {
                throw new RowTooLong();
            }
        }
    }

    private static final class RowTooLong extends IOException {
        RowTooLong() {
            super("row too long");
        }
    }
}
