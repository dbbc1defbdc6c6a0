package com.staffkit.staffimport;

import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.security.Caller;
import com.staffkit.role.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/staffs/imports")
@Tag(name = "Staff")
class StaffImportController {

    static final String CSV = "text/csv";

    private static final String EXAMPLE = """
            first_name,last_name,email,remote_id,job_title,roles,stores,is_active\r
            John,Doe,john.doe@example.com,3333,Store manager,manager,shop2,true\r
            Jane,Roe,jane.roe@example.com,3334,Cashier,member;worker,shop2;shop3,true\r
            """;

    private final StaffImportUpload upload;
    private final StaffImportStatus status;

    StaffImportController(StaffImportUpload upload, StaffImportStatus status) {
        this.upload = upload;
        this.status = status;
    }

    @PostMapping(consumes = CSV)
    @Requires.StaffWrite
    @Operation(
            operationId = "importStaff",
            summary = "Import staff from a CSV file",
            description = "The file is RFC 4180 CSV in UTF-8 (a byte order mark is fine), its cells separated by"
                    + " commas or semicolons, its first row naming the columns: first_name and last_name, and any of"
                    + " email, username, remote_id, job_title, phone, time_zone, roles and stores (';'-separated role"
                    + " names and store remote_ids) and is_active, the columns of the staff export. Each row is"
                    + " created, or with mode=upsert changes the staff member with its remote_id, else its email,"
                    + " through the same rules, audit events and emails as a single request, as the caller. A"
                    + " refused row is counted with its errors and the others go on. The file is stored and applied"
                    + " in the background: the answer is at once, and the import's address shows its progress."
                    + " A file that cannot be read (not UTF-8, an unknown or repeated column, broken quoting, no"
                    + " rows) is refused as a whole. Up to 256 MB.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = CSV,
                                            schema = @Schema(type = "string"),
                                            examples =
                                                    @io.swagger.v3.oas.annotations.media.ExampleObject(
                                                            value = EXAMPLE))))
    @ApiResponse(
            responseCode = "202",
            description = "Queued; its address is in Location",
            headers =
                    @Header(
                            name = "Location",
                            description = "The import's address",
                            schema = @Schema(type = "string", format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = StaffImportResponse.class)))
    @ApiResponse(responseCode = "413", description = "The file is larger than the import limit")
    @ApiResponse(responseCode = "415", description = "The request body is not text/csv in UTF-8")
    ResponseEntity<StaffImportResponse> upload(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Parameter(
                            description = "create (default): every row is a new staff member; upsert: a row changes"
                                    + " the staff member with its remote_id, else its email, and creates one when"
                                    + " none matches",
                            schema = @Schema(allowableValues = {"create", "upsert"}))
                    @RequestParam(required = false)
                    @Nullable
                    String mode,
            @Parameter(description = "true: check and count every row, store nothing")
                    @RequestParam(name = "dry_run", required = false, defaultValue = "false")
                    boolean dryRun,
            @Parameter(hidden = true) @RequestHeader(name = "Content-Type") MediaType contentType,
            @Parameter(hidden = true) InputStream body)
            throws IOException, HttpMediaTypeNotSupportedException {
        ImportMode importMode = mode == null ? ImportMode.CREATE : ImportMode.of(mode);
        if (contentType.getCharset() != null && !contentType.getCharset().equals(StandardCharsets.UTF_8)) {
            throw new HttpMediaTypeNotSupportedException(
                    contentType, List.of(new MediaType("text", "csv", StandardCharsets.UTF_8)));
        }
        StaffImportResponse queued = upload.upload(caller, importMode, dryRun, body);
        URI location = UriComponentsBuilder.fromPath("/api/v1/staffs/imports/{id}")
                .buildAndExpand(queued.id())
                .toUri();
        return ResponseEntity.accepted().location(location).body(queued);
    }

    /**
     * Digits only: {@code /api/v1/staffs/imports/history} would otherwise match this and the
     * history of a staff member ({@code /api/v1/staffs/{id}/history}) equally well.
     */
    @GetMapping("/{id:\\d+}")
    @Requires.StaffRead
    @Operation(
            operationId = "getStaffImport",
            summary = "An import's progress and errors",
            description = "Its status and counters so far, and a page of the errors of its failed rows in line order.")
    StaffImportResponse get(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @Parameter(description = "Page of errors, from 1") @RequestParam(required = false) @Nullable Integer page,
            @Parameter(description = "Errors per page, 1 to 1000 (default 20)")
                    @RequestParam(name = "page_size", required = false)
                    @Nullable
                    Integer pageSize) {
        return status.get(caller, id, PageRequest.of(page, pageSize));
    }
}
