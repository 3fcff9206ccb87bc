package org.zinfer.scoring.bundle;

/** zinfer's version, from the jar manifest when packaged. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
