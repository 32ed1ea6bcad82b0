module codraft.invalid/fuzzselfcheck

go 1.26.8
