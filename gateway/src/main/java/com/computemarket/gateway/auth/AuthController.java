package com.computemarket.gateway.auth;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.nimbusds.jose.jwk.JWKSet;

@RestController
@RequestMapping("/auth")
@Tag(name = "Sign-In with Ethereum", description = "EIP-4361 sign-in issuing the bearer tokens every /api call needs")
class AuthController {

    private final LoginNonces nonces;
    private final SignIn signIn;
    private final Map<String, Object> jwks;

    AuthController(LoginNonces nonces, SignIn signIn, SigningKey signingKey) {
        this.nonces = nonces;
        this.signIn = signIn;
        this.jwks = new JWKSet(signingKey.jwk().toPublicJWK()).toJSONObject();
    }

    @GetMapping("/nonce")
    @Operation(summary = "A fresh single-use nonce to put in the EIP-4361 message")
    Mono<ResponseEntity<NonceResponse>> nonce() {
        return Mono.fromCallable(nonces::issue)
                .subscribeOn(Schedulers.boundedElastic())
                .map(issued -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .body(new NonceResponse(issued.nonce(), issued.expiresAt())));
    }

    @PostMapping("/login")
    @Operation(summary = "Exchange a signed EIP-4361 message for an access token")
    @ApiResponse(responseCode = "200", description = "Signed in")
    @ApiResponse(responseCode = "400", description = "Malformed message or signature (problem+json naming the field)")
    @ApiResponse(responseCode = "401", description = "Wrong domain/chain, expired, unknown or used nonce, or a "
            + "signature by someone else (problem+json naming the field)")
    Mono<ResponseEntity<TokenResponse>> login(@Valid @RequestBody LoginRequest request) {
        return Mono.fromCallable(() -> signIn.signIn(request.message(), request.signature()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(token -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .body(new TokenResponse(token.value(), "Bearer", token.expiresInSeconds(), token.address())));
    }

    @GetMapping("/jwks")
    @Operation(summary = "The public keys that verify access tokens (JWK set)")
    Map<String, Object> jwks() {
        return jwks;
    }

    record NonceResponse(
            @Schema(example = "k3VQ9xTqZb7LmP2sWc8RfYhA") String nonce,
            Instant expiresAt) {
    }

    record LoginRequest(
            @Schema(description = "The exact EIP-4361 text the wallet signed")
            @NotBlank @Size(max = SiweMessageParser.MAX_LENGTH) String message,
            @Schema(description = "personal_sign signature, 0x-prefixed 65-byte hex")
            @NotBlank String signature) {
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn, String address) {
    }
}
