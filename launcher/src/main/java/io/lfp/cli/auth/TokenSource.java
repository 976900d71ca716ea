package io.lfp.cli.auth;

/** Where a client's bearer tokens come from; a token is asked for before each request. */
public interface TokenSource {

    /** No authentication: requests go without an {@code Authorization} header (tests of the client alone). */
    TokenSource NONE = new TokenSource() {
        @Override
        public String token() {
            return null;
        }

        @Override
        public void rejected(String token) {
            // nothing to renew
        }
    };

    /** A token valid for at least a few more seconds, or null for none. */
    String token();

    /** The service answered 401 to {@code token}: the next {@link #token()} must be a new one. */
    void rejected(String token);
}
