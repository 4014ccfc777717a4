package org.carewatch.ui.http;

/**
 * An error answer: HTTP status, a stable machine code, a message key (localised by {@code Messages}) and
 * an optional detail (English, for the technical reader) and field.
 */
public class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;
    private final Object[] args;

    public ApiError(int status, String code, String detail, String field, Object... args) {
        super(detail);
        this.status = status;
        this.code = code;
        this.field = field;
        this.args = args;
    }

    public static ApiError unauthenticated() {
        return new ApiError(401, "unauthenticated", null, null);
    }

    public static ApiError forbidden() {
        return new ApiError(403, "forbidden", null, null);
    }

    public static ApiError badRequest(String code, String detail, String field) {
        return new ApiError(400, code, detail, field);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public String detail() {
        return getMessage();
    }

    public Object[] args() {
        return args;
    }
}
