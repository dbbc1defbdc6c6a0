/** Who is calling: the {@link com.staffkit.common.security.Caller} and its {@link com.staffkit.common.security.Scope}s. */
@NullMarked
package com.staffkit.common.security;

import org.jspecify.annotations.NullMarked;
