package com.computemarket.verification.results.persistence;

import com.computemarket.verification.results.model.Bytes32;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link Bytes32} as its 0x-prefixed lower-case hex text. */
@Converter(autoApply = true)
class Bytes32Converter implements AttributeConverter<Bytes32, String> {

    @Override
    public String convertToDatabaseColumn(Bytes32 value) {
        return value == null ? null : value.hex();
    }

    @Override
    public Bytes32 convertToEntityAttribute(String hex) {
        return hex == null ? null : new Bytes32(hex);
    }
}
