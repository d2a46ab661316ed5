package io.lakehub.app;

/** Entry point of {@code ./lakehub}. */
public final class LakehubMain {
    private LakehubMain() {}

    public static void main(String[] args) {
        System.out.println("lakehub: not built yet");
    }
}
