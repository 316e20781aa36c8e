package nnet.compiler.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the JAR manifest, or "development" when run from classes. */
final class Version implements IVersionProvider {
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"nnetc " + (v == null ? "development" : v)};
    }
}
