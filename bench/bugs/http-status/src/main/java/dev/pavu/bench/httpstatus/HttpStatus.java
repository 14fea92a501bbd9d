package dev.pavu.bench.httpstatus;

/** Classifies HTTP status codes, e.g. to decide whether a request may be retried. */
public final class HttpStatus {

    public enum Category { INFORMATIONAL, SUCCESS, REDIRECTION, CLIENT_ERROR, SERVER_ERROR, UNKNOWN }

    private HttpStatus() {
    }

    public static Category categorize(int status) {
        Category category;
        switch (status / 100) {
            case 1:
                category = Category.INFORMATIONAL;
                break;
            case 2:
                category = Category.SUCCESS;
                break;
            case 3:
                category = Category.REDIRECTION;
                break;
            case 4:
                category = Category.CLIENT_ERROR;
            case 5:
                category = Category.SERVER_ERROR;
                break;
            default:
                category = Category.UNKNOWN;
        }
        return category;
    }

    /** Server errors and 429 Too Many Requests are worth retrying. */
    public static boolean isRetryable(int status) {
        return status == 429 || categorize(status) == Category.SERVER_ERROR;
    }
}
