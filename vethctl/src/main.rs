//! `vethctl`: see `vethctl --help`. The binary is the library's
//! [`vethctl::run_command_line`].

fn main() -> std::process::ExitCode {
    vethctl::run_command_line()
}
