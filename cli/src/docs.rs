//! `cidrplan completions <SHELL>` and `cidrplan man`: generated at run time from the clap
//! definition in [`crate::args`], so they can never disagree with `--help`. Commands rather
//! than a build step or an xtask: `cargo install --path cli` users get them without the
//! source tree, and packagers can run `cidrplan completions bash > …` at install time.

use crate::args::{Cli, CompletionsArgs, ManArgs};
use crate::{arity, bad, Failure, Out};
use clap::CommandFactory;
use clap_complete::Shell;

pub fn completions_cmd(a: &CompletionsArgs, out: Out) -> Result<(), Failure> {
    arity("completions", &a.shell, &["<SHELL>"], false)?;
    let shell = match a.shell[0].trim().to_ascii_lowercase().as_str() {
        "bash" => Shell::Bash,
        "zsh" => Shell::Zsh,
        "fish" => Shell::Fish,
        other => return bad(format!("Unknown shell '{other}': use bash, zsh or fish")),
    };
    clap_complete::generate(shell, &mut Cli::command(), "cidrplan", out);
    Ok(())
}

pub fn man_cmd(a: &ManArgs, out: Out) -> Result<(), Failure> {
    arity("man", &a.extra, &[], false)?;
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(())
}
