//! `vethctl`: see `vethctl --help` and the library's [`vethctl::cli`].

fn main() -> std::process::ExitCode {
    vethctl::cli::main()
}
