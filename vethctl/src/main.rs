//! `vethctl`: see `vethctl --help` and the library's [`vethctl::cli`].

fn main() -> std::process::ExitCode {
    // No arguments and a `CNI_*` variable: a container runtime runs us as a CNI plugin.
    if vethctl::cni::is_plugin_invocation() {
        return vethctl::cni::main();
    }
    vethctl::cli::main()
}
