/**
 * CSV imports of staff: an upload streamed into PostgreSQL in chunks, and a worker on any instance
 * that applies them a chunk per transaction through the staff write path, as the uploader.
 */
@NullMarked
package com.staffkit.staffimport;

import org.jspecify.annotations.NullMarked;
