grep -q " examples, 0 failed$" "$OUT/stdout" && grep -q "^rules/egov-vn.yaml: ok: " "$OUT/stdout"
