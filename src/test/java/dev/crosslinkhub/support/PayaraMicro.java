package dev.crosslinkhub.support;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a hub that a test starts by hand on Payara Micro, as the Arquillian server
 * is started: the jar failsafe names (MICRO_JAR), pom.xml's it.hub.options, the pre-boot command
 * file, and the WAR deployed at its file name's context root. Run it with {@link ExternalProcess}.
 */
public final class PayaraMicro {

    /**
     * @param jvmOptions    after it.hub.options: the database's settings, say
     * @param serverOptions Payara Micro's own after the deployment: {@code --nocluster}, or a data grid's
     */
    public static List<String> command(List<String> jvmOptions, int port, Path war, List<String> serverOptions) {
        List<String> command = new ArrayList<>(List.of(ExternalProcess.java()));
        command.addAll(ExternalProcess.options(System.getProperty("it.hub.options", "")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar(), "--port", String.valueOf(port),
                "--prebootcommandfile", "src/main/payara/pre-boot-commands.asadmin",
                "--deploy", war.toAbsolutePath().toString()));
        command.addAll(serverOptions);
        return command;
    }

    private static String jar() {
        String microJar = System.getenv("MICRO_JAR");
        if (microJar == null || !new File(microJar).isFile()) {
            throw new IllegalStateException("MICRO_JAR (set by failsafe) does not name Payara Micro: " + microJar);
        }
        return microJar;
    }

    private PayaraMicro() {
    }
}
