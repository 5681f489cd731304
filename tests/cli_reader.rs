//! The reader's command line: setup mistakes are reported before the screen
//! changes, with the usage exit code.

mod common;

/// Runs kiosque with `args` and `XDG_CONFIG_HOME`; returns its exit code and stderr.
fn run(args: &[&str], config: &std::path::Path) -> (Option<i32>, String) {
    let out = common::kiosque().args(args).env("XDG_CONFIG_HOME", config).output().unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn an_unknown_theme_is_a_usage_error_naming_the_themes() {
    let config = tempfile::tempdir().unwrap();
    let (code, err) = run(&["--theme", "sepia"], config.path());
    assert_eq!(code, Some(2));
    assert!(err.contains("kiosque: error: unknown theme `sepia`") && err.contains("ansi16"), "{err}");
}

#[test]
fn a_bad_key_binding_in_config_is_a_usage_error() {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().join("kiosque");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "[keys.list]\n\"x\" = \"teleport\"\n").unwrap();
    let (code, err) = run(&[], config.path());
    assert_eq!(code, Some(2));
    assert!(err.contains("config.toml") && err.contains("teleport"), "{err}");
}

#[test]
fn a_user_theme_file_with_a_mistake_is_named() {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().join("kiosque/themes");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("mine.toml"), "[styles]\ntitle = { fg = \"ultraviolet\" }\n").unwrap();
    let (code, err) = run(&["--theme", "mine"], config.path());
    assert_eq!(code, Some(2));
    assert!(err.contains("mine.toml") && err.contains("ultraviolet"), "{err}");
}
