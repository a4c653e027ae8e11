package com.computemarket.matching.providers.web;

import com.computemarket.api.ApiProblem;
import com.computemarket.api.Caller;
import com.computemarket.matching.providers.application.NodeView;
import com.computemarket.matching.providers.application.ProviderService;
import com.computemarket.matching.providers.application.ProviderView;
import com.computemarket.matching.providers.model.NodeNameTaken;
import com.computemarket.matching.resources.Attributes;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The calling provider's own profile: its nodes, and the stake and reputation matching knows of. */
@RestController
@RequestMapping("/api/v1/providers/me")
class ProviderController {

    private final ProviderService providers;

    ProviderController(ProviderService providers) {
        this.providers = providers;
    }

    @PostMapping("/nodes")
    ResponseEntity<NodeView> registerNode(Caller caller, @Valid @RequestBody RegisterNodeRequest request) {
        if (request.gpuModel() != null && request.gpuCount() == 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-node", "a node without GPUs has no GPU model",
                    "gpuModel");
        }
        if (request.gpuVramMb() != null && request.gpuVramMb() > 0 && request.gpuCount() == 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-node", "a node without GPUs has no GPU memory",
                    "gpuVramMb");
        }
        if (request.attributes() != null) {
            Attributes.problemWith(request.attributes()).ifPresent(problem -> {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-node", problem, "attributes");
            });
        }
        try {
            NodeView node = providers.registerNode(caller.address(), request.toCommand());
            return ResponseEntity.created(URI.create("/api/v1/providers/me")).body(node);
        } catch (NodeNameTaken taken) {
            throw new ApiProblem(HttpStatus.CONFLICT, "node-name-taken", taken.getMessage(), "name");
        }
    }

    @GetMapping
    ProviderView me(Caller caller) {
        return providers.view(caller.address());
    }
}
